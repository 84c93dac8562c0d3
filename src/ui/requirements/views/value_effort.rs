//! Value × effort: each requirement a point in four quadrants, dragged to rescore it.

use super::{PoolViewsState, with};
use crate::context::action::Action;
use crate::context::view_model::WorkspaceView;
use crate::model::Change;
use crate::model::requirement::RequirementId;
use crate::ui::ViewCx;
use crate::ui::theme::size;
use crate::ui::{FrameModel, theme};
use egui::RichText;
use egui_plot::{Line, Plot, PlotPoint, PlotPoints, Points, Text};

/// Quadrant names of the value × effort matrix, in (high value low effort, high value
/// high effort, low value low effort, low value high effort) order.
pub(super) const QUADRANTS: [&str; 4] = [
    "pool.quick_wins",
    "pool.big_bets",
    "pool.fill_ins",
    "pool.money_pits",
];

/// Value (1–10) against effort (person-months), the quadrants named; drag a point to
/// give it another value and effort.
pub fn value_effort(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    view: &WorkspaceView,
    state: &mut PoolViewsState,
) {
    let palette = theme::palette(ui.visuals());
    let insights = &view.insights;
    let points: Vec<Point<'_>> = insights
        .requirements
        .iter()
        .filter_map(|r| {
            let s = &r.requirement.fields.scores;
            Some((
                r.requirement.id,
                s.effort?,
                s.value?,
                r.requirement.fields.title.as_str(),
            ))
        })
        .collect();
    let unscored = insights.requirements.len() - points.len();
    ui.label(
        RichText::new(crate::i18n::tr_with(
            m.lang,
            "pool.value_effort_help",
            &[("n", &unscored.to_string())],
        ))
        .small()
        .color(palette.muted_text),
    );
    let max_effort = points.iter().map(|p| p.1).fold(8.0f64, f64::max);
    let dragging = state.dragging;
    let stacks = stacks(&points, dragging);
    let response = plot(ui, m, &palette, &points, &stacks, max_effort);
    let (pointer, bounds, on_screen) = response.inner;
    let plot_response = response.response;
    points_for_screen_readers(ui, m, &points, &stacks, &on_screen, plot_response.rect);
    hover_and_drag(
        ui,
        view,
        state,
        &points,
        &stacks,
        (pointer, bounds),
        &plot_response,
        actions,
    );
}

/// A requirement on the chart: id, effort, value, title.
type Point<'a> = (RequirementId, f64, f64, &'a str);
/// A place on the chart and the points there.
type Stack = ([f64; 2], Vec<usize>);

/// Requirements at the same value and effort are drawn once, larger the more there are
/// (scores come in half steps, so thousands share a few hundred places): the chart
/// costs what it shows, not the size of the pool. The one being dragged is where the
/// pointer has it.
fn stacks(points: &[Point<'_>], dragging: Option<(RequirementId, f64, f64)>) -> Vec<Stack> {
    let mut stacks: Vec<Stack> = Vec::new();
    let mut at: std::collections::HashMap<(u64, u64), usize> = std::collections::HashMap::new();
    for (i, (id, e, v, _)) in points.iter().enumerate() {
        let p = match dragging {
            Some((d, dv, de)) if d == *id => [de, dv],
            _ => [*e, *v],
        };
        match at.entry((p[0].to_bits(), p[1].to_bits())) {
            std::collections::hash_map::Entry::Occupied(o) => stacks[*o.get()].1.push(i),
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(stacks.len());
                stacks.push((p, vec![i]));
            }
        }
    }
    stacks
}

/// The quadrants and the points; returns where the pointer is on the plot, the plot's
/// bounds and where each place is on screen.
#[allow(clippy::type_complexity)]
fn plot(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    palette: &theme::Palette,
    points: &[Point<'_>],
    stacks: &[Stack],
    max_effort: f64,
) -> egui_plot::PlotResponse<(Option<PlotPoint>, egui_plot::PlotBounds, Vec<egui::Pos2>)> {
    let mid_effort = max_effort / 2.0;
    let mid_value = 5.5;
    Plot::new("value_effort")
        .height(ui.available_height().max(size::HEIGHT_L))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_x(0.0)
        .include_x(max_effort * 1.05)
        .include_y(0.0)
        .include_y(11.0)
        .x_axis_label(m.t("req.effort"))
        .y_axis_label(m.t("req.value"))
        .show(ui, |plot| {
            plot.line(
                Line::new(
                    "",
                    PlotPoints::from(vec![[mid_effort, 0.0], [mid_effort, 10.5]]),
                )
                .color(palette.muted_text),
            );
            plot.line(
                Line::new(
                    "",
                    PlotPoints::from(vec![[0.0, mid_value], [max_effort * 1.05, mid_value]]),
                )
                .color(palette.muted_text),
            );
            for (i, (x, y)) in [
                (mid_effort * 0.5, 10.8),
                (mid_effort * 1.5, 10.8),
                (mid_effort * 0.5, 0.6),
                (mid_effort * 1.5, 0.6),
            ]
            .into_iter()
            .enumerate()
            {
                plot.text(
                    Text::new(
                        "",
                        PlotPoint::new(x, y),
                        RichText::new(m.t(QUADRANTS[i])).strong(),
                    )
                    .color(palette.muted_text),
                );
            }
            let on_screen: Vec<egui::Pos2> = stacks
                .iter()
                .map(|(p, _)| plot.screen_from_plot(PlotPoint::new(p[0], p[1])))
                .collect();
            // A few sizes: one, a handful, dozens, hundreds and more.
            for (lo, hi, radius) in [
                (1, 1, 5.0),
                (2, 4, 6.5),
                (5, 19, 8.0),
                (20, 99, 10.0),
                (100, usize::MAX, 12.0),
            ] {
                let these: Vec<[f64; 2]> = stacks
                    .iter()
                    .filter(|s| (lo..=hi).contains(&s.1.len()))
                    .map(|s| s.0)
                    .collect();
                if !these.is_empty() {
                    plot.points(
                        Points::new("", PlotPoints::from(these))
                            .radius(radius)
                            .color(palette.accent),
                    );
                }
            }
            for (p, members) in stacks.iter().take(150) {
                let text = match members.as_slice() {
                    [one] => points[*one].3.chars().take(8).collect(),
                    _ => crate::i18n::tr_with(
                        m.lang,
                        "pool.stack",
                        &[("n", &members.len().to_string())],
                    ),
                };
                plot.text(
                    Text::new(
                        "",
                        PlotPoint::new(p[0], p[1] + 0.3),
                        RichText::new(text).small(),
                    )
                    .color(palette.muted_text),
                );
            }
            // Not `pointer_coordinate`, which takes this frame's drag back out (it is
            // meant for panning, which this chart does not do): the point follows the
            // pointer exactly and lands where it is let go.
            let pointer = plot
                .ctx()
                .input(|i| i.pointer.latest_pos())
                .map(|p| plot.plot_from_screen(p));
            (pointer, plot.plot_bounds(), on_screen)
        })
}

/// One node per place for screen readers (and tests): who is there, at what value and
/// effort. Built only when accessibility is on.
fn points_for_screen_readers(
    ui: &egui::Ui,
    m: &FrameModel<'_>,
    points: &[Point<'_>],
    stacks: &[Stack],
    on_screen: &[egui::Pos2],
    frame_rect: egui::Rect,
) {
    for ((p, members), at) in stacks.iter().zip(on_screen) {
        if !frame_rect.contains(*at) {
            continue;
        }
        let Some(&first) = members.first() else {
            continue;
        };
        let id = egui::Id::unique(("value_effort_point", points[first].0.0));
        ui.ctx().accesskit_node_builder(id, |node| {
            let names: Vec<String> = members
                .iter()
                .take(10)
                .map(|&i| format!("{} {}", points[i].0.key(), points[i].3))
                .collect();
            let label = crate::i18n::tr_with(
                m.lang,
                "pool.point_label",
                &[
                    ("who", &names.join("、")),
                    ("value", &format!("{}", p[1])),
                    ("effort", &format!("{}", p[0])),
                ],
            );
            node.set_role(egui::accesskit::Role::GraphicsObject);
            node.set_label(label);
            let r = egui::Rect::from_center_size(*at, egui::vec2(size::POINT, size::POINT));
            node.set_bounds(egui::accesskit::Rect {
                x0: r.min.x.into(),
                y0: r.min.y.into(),
                x1: r.max.x.into(),
                y1: r.max.y.into(),
            });
        });
    }
}

/// Names under the pointer, and a point dragged to another value and effort: one
/// undoable edit when it is let go, in half steps.
#[allow(clippy::too_many_arguments)]
fn hover_and_drag(
    ui: &egui::Ui,
    view: &WorkspaceView,
    state: &mut PoolViewsState,
    points: &[Point<'_>],
    stacks: &[Stack],
    (pointer, bounds): (Option<PlotPoint>, egui_plot::PlotBounds),
    plot_response: &egui::Response,
    actions: &mut Vec<Action>,
) {
    let insights = &view.insights;
    let pressed = ui.input(|i| i.pointer.primary_pressed());
    let down = ui.input(|i| i.pointer.primary_down());
    if let Some(p) = pointer {
        // Pick the nearest point within a few pixels' worth of the plot.
        let (w, h) = (bounds.width().max(1e-6), bounds.height().max(1e-6));
        // Who is at the place under the pointer (a place may hold several).
        if state.dragging.is_none()
            && plot_response.hovered()
            && let Some((_, members)) = stacks
                .iter()
                .map(|s| (((s.0[0] - p.x) / w).hypot((s.0[1] - p.y) / h), &s.1))
                .filter(|(d, _)| *d < 0.03)
                .min_by(|a, b| a.0.total_cmp(&b.0))
        {
            let names: Vec<String> = members
                .iter()
                .take(12)
                .map(|&i| format!("{} {}", points[i].0.key(), points[i].3))
                .collect();
            let more = members.len().saturating_sub(12);
            plot_response.clone().on_hover_ui_at_pointer(|ui| {
                for n in &names {
                    ui.label(n);
                }
                if more > 0 {
                    ui.label(format!("… +{more}"));
                }
            });
        }
        if pressed && plot_response.hovered() && state.dragging.is_none() {
            let near = points
                .iter()
                .map(|(id, e, v, _)| (*id, ((e - p.x) / w).hypot((v - p.y) / h)))
                .min_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((id, d)) = near
                && d < 0.03
            {
                state.dragging = Some((id, p.y, p.x));
            }
        } else if down && let Some((id, _, _)) = state.dragging {
            state.dragging = Some((id, p.y.clamp(1.0, 10.0), p.x.max(0.1)));
        }
    }
    if !down
        && let Some((id, value, effort)) = state.dragging.take()
        && !view.read_only
        && let Some(r) = insights.requirement(id)
    {
        let value = (value * 2.0).round() / 2.0;
        let effort = (effort * 2.0).round().max(1.0) / 2.0;
        actions.push(Action::Apply(Change::UpdateRequirement {
            id,
            fields: with(&r.requirement.fields, |f| {
                f.scores.value = Some(value);
                f.scores.effort = Some(effort);
            }),
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_at_one_place_stack_and_the_dragged_one_follows_the_pointer() {
        let (a, b, c) = (RequirementId(1), RequirementId(2), RequirementId(3));
        let points = [
            (a, 2.0, 8.0, "甲"),
            (b, 2.0, 8.0, "乙"),
            (c, 4.0, 3.0, "丙"),
        ];
        let still = stacks(&points, None);
        assert_eq!(still.len(), 2);
        assert_eq!(still[0], ([2.0, 8.0], vec![0, 1]));
        let dragged = stacks(&points, Some((b, 5.0, 6.0)));
        assert_eq!(dragged.len(), 3);
        assert!(dragged.contains(&([6.0, 5.0], vec![1])));
    }
}
