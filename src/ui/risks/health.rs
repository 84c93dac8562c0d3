//! The schedule health check: each check passed or not, its measure against its limit,
//! and the tasks that fail it, each a click away on the Gantt.

use egui::RichText;

use crate::context::action::{Action, Page};
use crate::report::health_check::Check;
use crate::report::risk_session::RiskSession;
use crate::ui::theme::size;
use crate::ui::{FrameModel, ViewCx};

/// A check's measure as read: a share in %, an index to two decimals, or a count.
fn measure(c: &Check) -> (String, String) {
    match c.code {
        "cpli" | "bei" => (format!("{:.2}", c.value), format!("{:.2}", c.limit)),
        "critical_path" => (if c.passed { "√" } else { "×" }.to_owned(), String::new()),
        _ if c.limit == 0.0 => (format!("{}", c.count), "0".to_owned()),
        _ => (
            format!("{:.0}%", c.value * 100.0),
            format!("{:.0}%", c.limit * 100.0),
        ),
    }
}

pub fn show(ui: &mut egui::Ui, ViewCx { m, actions }: ViewCx<'_, '_>, session: &RiskSession) {
    let Some(health) = &session.health else {
        ui.label(m.t("gantt.no_project"));
        return;
    };
    let palette = crate::ui::theme::palette(ui.visuals());
    ui.label(
        RichText::new(crate::i18n::tr_with(
            m.lang,
            "health.summary",
            &[
                ("passed", &health.passed().to_string()),
                ("total", &health.checks.len().to_string()),
            ],
        ))
        .strong(),
    );
    ui.label(RichText::new(m.t("health.hint")).small().weak());
    ui.add_space(size::GAP_M);
    egui::ScrollArea::vertical()
        .id_salt("health-scroll")
        .show(ui, |ui| {
            for c in &health.checks {
                let (value, limit) = measure(c);
                let mark = if c.passed {
                    RichText::new("√").color(palette.success)
                } else {
                    RichText::new("×").color(palette.danger)
                };
                let title = format!(
                    "{}  {}: {}{}",
                    m.t(&format!("health.check.{}", c.code)),
                    m.t("health.value"),
                    value,
                    if limit.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " ({} {} {limit})",
                            m.t("health.limit"),
                            if c.at_most { "≤" } else { "≥" }
                        )
                    }
                );
                ui.horizontal(|ui| {
                    ui.label(mark.strong());
                    if c.tasks.is_empty() {
                        ui.label(&title);
                    } else {
                        egui::CollapsingHeader::new(format!("{title} · {}", c.count))
                            .id_salt(("health", c.code))
                            .show(ui, |ui| task_list(ui, ViewCx::new(m, actions), c));
                    }
                });
                ui.label(
                    RichText::new(m.t(&format!("health.why.{}", c.code)))
                        .small()
                        .weak(),
                );
                ui.add_space(size::GAP_S);
            }
        });
}

fn task_list(ui: &mut egui::Ui, ViewCx { m, actions }: ViewCx<'_, '_>, c: &Check) {
    let _: &FrameModel<'_> = m;
    for (id, name) in &c.tasks {
        if ui.link(name).clicked() {
            actions.push(Action::SelectTasks(vec![*id]));
            actions.push(Action::Navigate(Page::Gantt));
        }
    }
    if c.count > c.tasks.len() {
        ui.label(RichText::new(format!("… +{}", c.count - c.tasks.len())).weak());
    }
}
